using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Corrections_Schema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MeetingLink",
                table: "Groups",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MeetingPlace",
                table: "Groups",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "JoinedOn",
                table: "Enrollments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PastMeetingsNotApplicable",
                table: "Enrollments",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RuleSetChangeReason",
                table: "Enrollments",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MeetingLink",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "MeetingPlace",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "JoinedOn",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "PastMeetingsNotApplicable",
                table: "Enrollments");

            migrationBuilder.DropColumn(
                name: "RuleSetChangeReason",
                table: "Enrollments");
        }
    }
}
