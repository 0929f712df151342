using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Submit_RscProvider : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProviderId",
                table: "RscLog",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_RscLog_ProviderId",
                table: "RscLog",
                column: "ProviderId");

            migrationBuilder.AddForeignKey(
                name: "FK_RscLog_AspNetUsers_ProviderId",
                table: "RscLog",
                column: "ProviderId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RscLog_AspNetUsers_ProviderId",
                table: "RscLog");

            migrationBuilder.DropIndex(
                name: "IX_RscLog_ProviderId",
                table: "RscLog");

            migrationBuilder.DropColumn(
                name: "ProviderId",
                table: "RscLog");
        }
    }
}
